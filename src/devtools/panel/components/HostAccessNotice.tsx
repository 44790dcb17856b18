/**
 * When the extension may not access websites, the browser shows it none of their requests and the
 * log stays empty without saying why. Firefox MV3 leaves that access to the user (not granted
 * after an install from addons.mozilla.org, withdrawable from the extensions menu), and Chromium
 * lets users limit it to some sites: the panel says so and offers to ask for it.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useServices } from '../core/services.ts';
import { Icon } from './Icon.tsx';

export function HostAccessNotice() {
  const services = useServices();
  const access = services.env.hostAccess;
  const granted = useSignal<boolean | null>(null);

  useEffect(() => {
    if (!access) return;
    const check = () => void access.granted().then((g) => (granted.value = g));
    check();
    access.onChange(check);
  }, [access, granted]);

  if (!access || granted.value !== false) return null;
  const ask = () => {
    // Straight from the click: the browser shows its permission prompt only for a user gesture.
    void access.request().then((g) => {
      granted.value = g;
      if (!g) services.status.value = 'Access to websites was not granted: their requests stay invisible.';
    });
  };
  return (
    <div class="notices" data-testid="host-access-notice">
      <div class="notice" role="alert">
        <Icon name="warning" class="notice-icon" />
        <span>
          CORS Inspector has no access to websites, so the browser does not show it their requests and nothing is
          recorded. Access was not granted, or it was withdrawn in the browser's extension settings.
        </span>
        <button type="button" class="text-button small" onClick={ask} data-testid="host-access-request">
          Allow access to all websites
        </button>
      </div>
    </div>
  );
}
