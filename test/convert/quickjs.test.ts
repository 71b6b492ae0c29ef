import { describeConverterConformance } from './conformance';

describeConverterConformance('quickjs');
