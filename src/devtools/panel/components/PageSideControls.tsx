/**
 * Toolbar switches for the page side: the page-side observer (on for every tab, or off), and
 * "Verify with Chrome", which first explains the "is debugging this browser" bar Chrome will show
 * and only then attaches (the worker detaches when this is turned off or the panel closes).
 * Firefox has no debugger API for extensions, so there is no Verify with Chrome to offer.
 */
import { useSignal } from '@preact/signals';
import { useServices } from '../core/services.ts';
import { verifyWithChromeRefusal } from '../core/verify-with-chrome-permission.ts';

export function PageSideControls() {
  const services = useServices();
  const { store } = services;
  const tab = store.tab.value;

  return (
    <>
      <label
        class="toolbar-checkbox"
        title="Observe fetch and XMLHttpRequest in recorded pages, to learn the mode, credentials and what JavaScript got (webRequest cannot see them)"
      >
        <input
          type="checkbox"
          checked={tab?.pageObserver ?? true}
          onChange={(e) => store.setPageObserver(e.currentTarget.checked)}
          data-testid="page-observer"
        />
        Page observer
      </label>
      {services.env.browser !== 'firefox' && <VerifyWithChromeControl />}
    </>
  );
}

/** The "Verify with Chrome" switch and its notice. */
function VerifyWithChromeControl() {
  const services = useServices();
  const { store } = services;
  const asking = useSignal(false);
  const verify = store.tab.value?.verifyWithChrome;

  const confirm = async () => {
    asking.value = false;
    const refused = verifyWithChromeRefusal(await services.env.debuggerPermission());
    if (refused) services.status.value = refused;
    else store.setVerifyWithChrome(true);
  };

  return (
    <>
      <label class="toolbar-checkbox" title="Ask Chrome's debugger for its own CORS verdict and show it beside ours">
        <input
          type="checkbox"
          checked={verify?.on ?? false}
          onChange={(e) => {
            if (e.currentTarget.checked) {
              e.currentTarget.checked = false;
              asking.value = true;
            } else {
              store.setVerifyWithChrome(false);
            }
          }}
          data-testid="verify-with-chrome"
        />
        Verify with Chrome
      </label>
      {(asking.value || verify?.error) && (
        <div class="notices" data-testid="verify-notice">
          {asking.value ? (
            <div class="notice" role="dialog" aria-label="Verify with Chrome">
              <span>
                Chrome will attach its debugger to this tab and show a bar saying that CORS Inspector started debugging
                this browser, until you turn this off or close this panel. Closing that bar also stops verification.
                While attached, Chrome reports its own CORS verdict for each request, shown beside ours.
              </span>
              <button
                type="button"
                class="text-button small"
                onClick={() => void confirm()}
                data-testid="verify-continue"
              >
                Continue
              </button>
              <button type="button" class="text-button small" onClick={() => (asking.value = false)}>
                Cancel
              </button>
            </div>
          ) : (
            <div class="notice" role="status">
              <span>{verify?.error}</span>
            </div>
          )}
        </div>
      )}
    </>
  );
}
