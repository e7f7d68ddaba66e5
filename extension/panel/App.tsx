import { RequestList } from './components/RequestList.tsx';
import { connected, dropped, inspectedUrl, records } from './state.ts';

export function App() {
  return (
    <main data-ready={connected.value ? 'true' : 'false'} data-inspected-url={inspectedUrl.value}>
      <div class="toolbar" role="toolbar" aria-label="CORS">
        <span class="count">{records.value.length} requests</span>
        {dropped.value > 0 && <span class="dropped">{dropped.value} older requests dropped</span>}
      </div>
      <RequestList records={records.value} />
    </main>
  );
}
