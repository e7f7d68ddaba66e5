/**
 * The `cors-lens` command. `run(argv, io)` returns the exit code instead of exiting, so tests can
 * call it in process; bin/cors-lens.js calls it with the real process.
 *   0  no flow was blocked by CORS
 *   1  at least one flow was blocked by CORS, or possibly blocked (a HAR, such as Playwright's, that
 *      kept no response for a request that failed the way a CORS block does)
 *   2  unreadable input (or a usage error): the message names the file and the JSON path
 *   3  an internal error of cors-lens (a bug): the message says so, with the stack
 */
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { createColors } from 'picocolors';
import type { BrowserName, EvaluationContext } from '../model/index.ts';
import { analyzeFlows, buildReport, renderHtml, renderJsonChunks, renderMarkdown, renderText, type Report } from '../report/index.ts';
import { flowsToHar } from '../har/write.ts';
import { analyzeFiles } from './analyze.ts';
import { runCheck } from './check.ts';
import { parseHeaderOption, parseMethodOption, parseOriginOption, parseTimeoutOption, unsentNotes } from './check-options.ts';
import { nodeTransport, type Transport } from './transport.ts';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colours only on a terminal. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** For tests: how `check` reaches the network. */
  transport?: (opts: { insecure: boolean; timeoutMs: number }) => Transport;
}

type Format = 'text' | 'json' | 'markdown' | 'html';

/** Exit status of an internal error: not 2, which would blame the input. */
export const EXIT_INTERNAL_ERROR = 3;

/** Writes the report to stdout; JSON one flow at a time (a large report passes V8's longest string). */
function output(report: Report, format: Format, browser: BrowserName, io: Io): void {
  switch (format) {
    case 'json': {
      let buffered = '';
      for (const chunk of renderJsonChunks(report)) {
        buffered += chunk;
        if (buffered.length >= 1 << 20) {
          io.stdout(buffered);
          buffered = '';
        }
      }
      if (buffered) io.stdout(buffered);
      return;
    }
    case 'markdown':
      return io.stdout(renderMarkdown(report));
    case 'html':
      return io.stdout(renderHtml(report));
    default: {
      const colour = io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
      return io.stdout(renderText(report, { colors: createColors(colour), browser }));
    }
  }
}

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'html']).default('text');
const browserOption = () =>
  new Option('--browser <browser>', "whose rules and messages to use (default: the HAR's browser, else chrome)").choices(['chrome', 'firefox']);
const cookiesOption = () =>
  new Option('--third-party-cookies <setting>', "the user's third-party cookie setting").choices(['allowed', 'blocked']).default('allowed');

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('cors-lens')
    .description('Explains why cross-origin requests fail, in the browser\'s own words, and what the server must send instead.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run cors-lens --help for usage)');

  program
    .command('analyze')
    .description('analyze HAR files (exported from Chrome or Firefox DevTools, or recorded by Playwright)')
    .argument('<files...>', 'HAR 1.2 files')
    .addOption(formatOption())
    .addOption(browserOption())
    .option('--only-failures', 'list only flows blocked by CORS or failed on the network')
    .addOption(cookiesOption())
    .option('--include-secrets', 'keep Cookie, Set-Cookie and Authorization values (redacted by default)')
    .action(async (files: string[], o: { format: Format; browser?: BrowserName; onlyFailures?: boolean; thirdPartyCookies: 'allowed' | 'blocked'; includeSecrets?: boolean }) => {
      const result = await analyzeFiles(files, {
        ...(o.browser ? { browser: o.browser } : {}),
        thirdPartyCookies: o.thirdPartyCookies,
        onlyFailures: o.onlyFailures === true,
        includeSecrets: o.includeSecrets === true,
      });
      for (const p of result.problems) io.stderr(`cors-lens: ${p}\n`);
      if (result.readFiles > 0) {
        const browser = o.browser ?? result.report.flows.find((f) => f.browser)?.browser?.name ?? 'chrome';
        output(result.report, o.format, browser === 'firefox' ? 'firefox' : 'chrome', io);
      }
      exitCode = result.exitCode;
    });

  program
    .command('check')
    .description('make the preflight and the request a browser would make, against a live server, and judge them')
    .argument('<url>', 'the URL the page would fetch')
    .requiredOption('--origin <origin>', 'the origin of the page making the request, e.g. https://app.example.com')
    .option('--method <method>', 'request method', 'GET')
    .option('--header <header>', "a header the page sets, 'Name: value' (repeatable)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--credentials', "credentials: 'include' (cookies, HTTP auth)")
    .option('--cookie <cookies>', "Cookie header to send when credentials are included, e.g. 'sid=abc'")
    .addOption(formatOption())
    .addOption(new Option('--browser <browser>', 'whose rules and messages to use').choices(['chrome', 'firefox']).default('chrome'))
    .addOption(cookiesOption())
    .option('--include-secrets', 'keep Cookie, Set-Cookie and Authorization values in the output')
    .option('--insecure', 'accept self-signed and otherwise invalid TLS certificates')
    .option('--har <file>', 'also save the exchanges as a HAR 1.2 file (secrets redacted unless --include-secrets)')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', (v: string) => v, '15000')
    .action(async (url: string, o: { origin: string; method: string; header: string[]; credentials?: boolean; cookie?: string; format: Format; browser: BrowserName; thirdPartyCookies: 'allowed' | 'blocked'; includeSecrets?: boolean; insecure?: boolean; timeout: string; har?: string }) => {
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`"${url}" is not an http(s) URL`);
      let headers, origin, method, timeoutMs;
      try {
        origin = parseOriginOption(o.origin);
        method = parseMethodOption(o.method);
        headers = o.header.map(parseHeaderOption);
        timeoutMs = parseTimeoutOption(o.timeout);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      for (const note of unsentNotes(url, origin, headers, o.credentials === true, o.cookie)) io.stderr(`cors-lens: ${note}\n`);
      const transport = (io.transport ?? nodeTransport)({ insecure: o.insecure === true, timeoutMs });
      const flow = await runCheck(
        { url, origin, method, headers, credentials: o.credentials === true, browser: o.browser, ...(o.cookie ? { cookie: o.cookie } : {}) },
        transport,
      );
      const ctx: EvaluationContext = { browser: o.browser, thirdPartyCookies: o.thirdPartyCookies };
      const analyzed = analyzeFlows([flow], ctx);
      const report = buildReport(analyzed, { includeSecrets: o.includeSecrets === true });
      output(report, o.format, o.browser, io);
      exitCode = report.summary.blocked + report.summary.possiblyBlocked > 0 ? 1 : 0;
      if (o.har) {
        const har = flowsToHar(analyzed.map((a) => a.flow), { creator: { name: 'cors-lens', version: pkg.version }, includeSecrets: o.includeSecrets === true });
        try {
          writeFileSync(o.har, `${JSON.stringify(har, null, 2)}\n`);
        } catch (err) {
          // The user's path, not a bug: exit 2, after the report of the exchanges already made.
          throw new UsageError(`--har "${o.har}": cannot write the HAR file (${(err as Error).message}); check the directory exists and is writable`);
        }
      }
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`cors-lens: ${err.message}\n`);
      return 2;
    }
    // Not the input's fault (that is reported as exit 2 with the file and JSON path): a bug.
    io.stderr(
      `cors-lens: internal error (a bug in cors-lens, not a problem with the input; please report it with the command line): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`,
    );
    return EXIT_INTERNAL_ERROR;
  }
  return exitCode;
}

class UsageError extends Error {}
