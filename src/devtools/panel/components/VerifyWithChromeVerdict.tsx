/**
 * Chromium's own verdict, when "Verify with Chrome" recorded one (src/shared/verify-with-chrome.ts):
 * a quiet confirmation when it agrees with ours, a warning and a ready bug report when it does not.
 */
import type { ExchangeRecord } from '../../../shared/exchange.ts';
import { chromiumBugReport, compareWithChromium } from '../../../shared/verify-with-chrome.ts';
import { browserFromUserAgent } from '../core/exports.ts';
import { CopyButton } from './CopyButton.tsx';
import { Icon } from './Icon.tsx';
import { Section } from './Section.tsx';

export function VerifyWithChromeVerdict({ r }: { r: ExchangeRecord }) {
  const c = compareWithChromium(r);
  if (!c) return null;
  const runningIn = browserFromUserAgent(navigator.userAgent);
  return (
    <Section title="Chrome's own verdict" testId="verify-with-chrome-verdict">
      {c.agrees ? (
        <p>
          <Icon name="pass" class="text-green" /> Chrome agrees: <span class="mono">{c.chromium}</span>
        </p>
      ) : (
        <div class="verify-with-chrome-disagrees">
          <p>
            <Icon name="warning" class="notice-icon" /> Chrome says <span class="mono">{c.chromium}</span>; CORS
            Inspector says <span class="mono">{c.ours}</span>. Chrome is right about what happened; please report the
            difference.
          </p>
          <CopyButton
            text={chromiumBugReport(r, `${runningIn.name} ${runningIn.version}`)}
            what="the bug report"
            label="Copy bug report"
          />
        </div>
      )}
    </Section>
  );
}
