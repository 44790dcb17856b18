/**
 * What Chromium's own verdict proves about a call it refused in the renderer, before any request
 * existed (a CORS issue without a request id, from the DevTools protocol's Audits domain): the
 * refusal names the fact that caused it (Chromium's FetchManager::Loader::Start). A network-side
 * source has nothing else to go on for such a call, so these are the engine's hints for it.
 */
import type { ObservedExchange } from '../cors/types.ts';
import type { ChromiumAnswer } from './verify-with-chrome.ts';

const UNSEEN = 'the call was refused before any request existed, so its method and headers were not seen';

export function hintsFromChromium(
  answer: ChromiumAnswer | undefined,
): Pick<ObservedExchange, 'mode' | 'redirectMode' | 'hintsFrom'> {
  if (answer?.source !== 'Audits.issueAdded') return {};
  if (answer.corsError === 'DisallowedByMode')
    return { mode: 'same-origin', hintsFrom: `inferred from Chromium's own verdict DisallowedByMode; ${UNSEEN}` };
  if (answer.corsError === 'NoCorsRedirectModeNotFollow')
    return {
      mode: 'no-cors',
      redirectMode: 'manual',
      hintsFrom: `inferred from Chromium's own verdict NoCorsRedirectModeNotFollow (redirect mode 'manual' or 'error': the verdict does not say which); ${UNSEEN}`,
    };
  return {};
}
