import type { Logger } from 'pino';
import type { Config } from '../config';

/** What every feature's ports hold: the configuration, its own logger and the clock (time is an input). */
export interface BasePorts {
  config: Config;
  log: Logger;
  now(): Date;
}
