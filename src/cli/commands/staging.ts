import type { Command } from 'commander';
import type { Bind } from './action';
export function registerStagingCommands(_program: Command, _bind: Bind): void {}
