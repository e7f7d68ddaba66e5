import { FlowDetail } from './components/FlowDetail.tsx';
import { ExportMenu } from './components/ExportMenu.tsx';
import { FlowList } from './components/FlowList.tsx';
import { Toolbar, type ToolbarActions } from './components/Toolbar.tsx';
import { usePanel } from './context.ts';

/** The panel: toolbar, the list of flows, and the open flow beside it. */
export function App({ actions }: { actions: ToolbarActions }) {
  const { state } = usePanel();
  const opened = state.opened.value;
  return (
    <main class="panel" data-ready={state.connected.value ? 'true' : 'false'} data-inspected-url={state.inspectedUrl.value}>
      <Toolbar actions={actions}>
        <ExportMenu />
      </Toolbar>
      <div class={`split${opened ? ' with-detail' : ''}`}>
        <FlowList />
        {opened && <FlowDetail entry={opened} />}
      </div>
    </main>
  );
}
