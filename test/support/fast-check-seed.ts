/**
 * Property tests explore with a fresh random seed on a developer's machine (fast-check prints the
 * seed and the shrunk counterexample of any failure), but run one fixed seed under CI so that a
 * red CI is always reproducible and never depends on luck. FC_SEED picks a seed anywhere, e.g. to
 * replay a failure: `FC_SEED=-1570944025 npm run test:unit`. A long hunt is the unit suite run again
 * and again, each time with a new seed.
 */
import fc from 'fast-check';

const fromEnv = process.env.FC_SEED;
const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : process.env.CI ? 20261130 : undefined;
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(fromEnv)}`);
fc.configureGlobal(seed !== undefined ? { seed } : {});
