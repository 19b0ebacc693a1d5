import type { Command } from 'commander';
import type { Bind } from './action';
export function registerSyncCommand(_program: Command, _bind: Bind): void {}
