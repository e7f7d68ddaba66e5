export * from './header.ts';
export * from './exchange.ts';
export * from './flow.ts';
export * from './finding.ts';
export * from './evaluation.ts';
export * from './webrequest.ts';
