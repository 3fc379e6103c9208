import type { Runtime } from '../dockerfile/runtimes';
import type { Strategy } from './deployScripts';

export interface PipelineOptions {
  service: string;
  entityRef: string;
  runtime: Runtime;
  strategy: Strategy;
  /** Registry and repository of the image, without a tag. */
  image: string;
  healthPath: string;
  coverageThreshold: number;
  hasDatabase: boolean;
}
