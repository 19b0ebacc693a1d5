/* Plain-data types and pure rules of bulk staging (every process may import these). */
export * from './types';
export * from './counts';
export * from './rate';
export * from './plan-logic';
export * from './verify';
export * from './undo';
export * from './audit';
export * from './identity';
