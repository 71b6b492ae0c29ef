// Every error out of a run says which stage failed. AppErrors keep their code
// and gain the stage; anything else is a bug and becomes INTERNAL_ERROR, with
// the original kept as the cause for the log, never shown.

import type { Stage } from '../../contract/errors';
import { AppError, isAppError } from '../../errors/app-error';

export async function inStage<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw withStage(error, stage);
  }
}

export function withStage(error: unknown, stage: Stage): AppError {
  if (isAppError(error)) {
    if (!error.details.stage) error.details.stage = stage;
    return error;
  }
  return new AppError('INTERNAL_ERROR', `The ${stage} stage failed unexpectedly.`, { details: { stage }, cause: error });
}
