import { describeConverterConformance } from './conformance';

describeConverterConformance('isolated-vm');
