// @vitest-environment happy-dom
/**
 * The "Verify with Chrome" switch: it explains Chrome's debugging bar first, then asks for the
 * debugger permission through the environment (a fake here) and turns verification on only when
 * it is granted; otherwise the status bar says why, in words.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWithChromeRefusal } from '../../../src/devtools/panel/core/verify-with-chrome-permission.ts';
import { fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import type { DebuggerPermission } from '../../../src/platform/devtools.ts';
import { message } from '../../../src/shared/messages.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { renderPanel } from './render-panel.tsx';

afterEach(cleanup);

async function turnOn(answer: DebuggerPermission) {
  let asked = 0;
  const panel = await renderPanel(
    { state: fixtureState(), exchanges: demoRecords() },
    {
      debuggerPermission: async () => {
        asked++;
        return answer;
      },
    },
  );
  fireEvent.click(screen.getByTestId('verify-with-chrome'));
  expect(screen.getByRole('dialog', { name: 'Verify with Chrome' }).textContent).toMatch(/started debugging/);
  expect(asked).toBe(0);
  fireEvent.click(screen.getByTestId('verify-continue'));
  await waitFor(() => expect(asked).toBe(1));
  return panel;
}

const turnedOn = message('set-verify-with-chrome', { tabId: 7, value: true });

describe('the Verify with Chrome switch', () => {
  it('asks the worker to verify once the debugger permission is granted', async () => {
    const { transport } = await turnOn('granted');
    await waitFor(() => expect(transport.sent).toContainEqual(turnedOn));
  });

  it.each(['refused', 'manifest-only', 'no-extension'] as const)('says why when the answer is %s', async (answer) => {
    const { transport } = await turnOn(answer);
    await waitFor(() => expect(screen.getByTestId('status-message').textContent).toBe(verifyWithChromeRefusal(answer)));
    expect(transport.sent).not.toContainEqual(turnedOn);
  });

  it('has words for every refusal and none for a grant', () => {
    expect(verifyWithChromeRefusal('granted')).toBeNull();
    expect(verifyWithChromeRefusal('manifest-only')).toMatch(/CORS_INSPECTOR_VERIFY=1/);
    expect(verifyWithChromeRefusal('refused')).toMatch(/not granted/);
    expect(verifyWithChromeRefusal('no-extension')).toMatch(/fixtures/);
  });
});
