// Converter sandbox: run user-written convert(json, metadata) functions in
// isolated-vm or QuickJS with time, memory and output limits.

export type {
  ConverterEngine,
  ConverterEngineChoice,
  ConverterLimits,
  ConverterMetadata,
  ConverterRunInput,
  ConverterRunResult,
  ConverterRuntime,
  ConverterRuntimeOptions,
  SyntaxCheckResult,
} from './types';
export { createConverterRuntime, ENGINE_ENVIRONMENT_VARIABLE } from './runtime';
export { runDefaultConverter, stripByteOrderMark } from './default-converter';
export { CONVERTER_LIMIT_CEILINGS, CONVERTER_LIMIT_MINIMUMS, DEFAULT_CONVERTER_LIMITS, resolveConverterLimits } from './limits';
export { ConverterError, isConverterError } from '../../errors/converter-error';
