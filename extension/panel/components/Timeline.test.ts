import { describe, expect, it } from 'vitest';
import { putRefusedFlow, redirectFlow } from '../test-fixtures.ts';
import { stepLabel, stepsOf } from './Timeline.tsx';

describe('the timeline', () => {
  it('names each step, and says which hop a preflight belongs to', () => {
    const flow = structuredClone(redirectFlow);
    flow.hops[1]!.preflight = structuredClone(putRefusedFlow.hops[0]!.preflight!);
    expect(stepsOf(flow).map(stepLabel)).toEqual(['Request', 'Preflight for redirect 1', 'Redirect 1']);
    expect(stepsOf(putRefusedFlow).map(stepLabel)).toEqual(['Preflight', 'Request']);
  });
});
