import type { BrowserName, Finding, Fix } from '../../../src/model/index.ts';
import { usePanel } from '../context.ts';
import { CopyButton } from './CopyButton.tsx';
import { Net } from './Net.tsx';
import { Prose } from './Prose.tsx';
import { Snippets } from './Snippets.tsx';

const BROWSERS: { name: BrowserName; label: string }[] = [
  { name: 'chrome', label: 'Chrome' },
  { name: 'firefox', label: 'Firefox' },
];

const ON: Record<Fix['on'], string> = {
  preflight: 'the preflight (OPTIONS) response',
  actual: 'the actual response',
  redirect: 'the redirect response',
  request: 'the request the page makes',
};

/** The text a "copy fix" button copies: the header line when the fix is one, else its sentence. */
export function fixText(fix: Fix): string {
  return fix.header && fix.value !== undefined ? `${fix.header}: ${fix.value}` : fix.summary;
}

function FixView({ fix, id }: { fix: Fix; id: string }) {
  return (
    <section class="fix" aria-label="Fix">
      <h4>Fix</h4>
      <p class="fix-summary">
        <Prose text={fix.summary} />
      </p>
      {fix.header && (
        <dl class="fix-fields">
          <dt>Header</dt>
          <dd>
            <code>{fix.header}</code>
          </dd>
          {fix.value !== undefined && (
            <>
              <dt>Value</dt>
              <dd>
                <code>
                  <Net value={fix.value} />
                </code>
              </dd>
            </>
          )}
          <dt>On</dt>
          <dd>{ON[fix.on]}</dd>
        </dl>
      )}
      <div class="actions">
        <CopyButton name="fix" label="Copy fix" text={() => fixText(fix)} />
      </div>
      <Snippets snippets={fix.snippets} id={`${id}-snip`} />
    </section>
  );
}

/** One finding: the browser's exact message (Chrome or Firefox), why in plain words, and the fix. */
export function FindingCard({ finding, id }: { finding: Finding; id: string }) {
  const { state } = usePanel();
  const browser = state.messageBrowser.value;
  const message = finding.messages[browser];
  return (
    <article class={`finding ${finding.severity}`} data-code={finding.code} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <span class="severity">{finding.severity === 'error' ? 'Blocked' : 'Warning'}</span>{' '}
        <code class="code">{finding.code}</code>
        {finding.failedParameter && (
          <>
            {' '}
            <code class="param">
              <Net value={finding.failedParameter} />
            </code>
          </>
        )}
      </h3>
      <div class="message-bar">
        <div class="toggle" role="group" aria-label="Console message of">
          {BROWSERS.map((b) => (
            <button
              key={b.name}
              type="button"
              aria-pressed={b.name === browser ? 'true' : 'false'}
              data-browser={b.name}
              onClick={() => (state.messageBrowser.value = b.name)}
            >
              {b.label}
            </button>
          ))}
        </div>
        {message && <CopyButton name="message" label="Copy message" text={() => message} />}
      </div>
      {message ? (
        <p class="message console" data-browser={browser}>
          <Net value={message} />
        </p>
      ) : (
        <p class="message none" data-browser={browser}>
          {browser === 'chrome' ? 'Chrome' : 'Firefox'} prints no console message for this.
        </p>
      )}
      <p class="why">
        <Prose text={finding.why} />
      </p>
      {finding.fix && <FixView fix={finding.fix} id={id} />}
      {finding.learnMore && /^https:\/\//.test(finding.learnMore) && (
        <p class="learn-more">
          <a href={finding.learnMore} target="_blank" rel="noreferrer noopener">
            Learn more
          </a>
        </p>
      )}
    </article>
  );
}
