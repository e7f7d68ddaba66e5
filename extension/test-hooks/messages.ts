/** Messages of the test relay (test builds only). */
export const TEST_REQUEST = 'cors-lens/test-request';
export const TEST_REPLY = 'cors-lens/test-reply';

export interface TestHookRequest {
  type: typeof TEST_REQUEST;
  id: string;
  /** `dump`: every tab's records; `settled`: resolves when persistence is idle. */
  op: 'dump' | 'settled';
}
