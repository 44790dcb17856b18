/**
 * The frames of one tab as the Page domain reports them (from every session of the tab: an
 * out-of-process frame keeps its id in its own session): each frame's number in webRequest's
 * style (0 the top frame, then 1, 2, … in order of appearance), its parent, and its document's
 * origin — the origin of a request that carries no Origin header. The top frame's URL is the
 * tab's page URL.
 */
import type Protocol from 'devtools-protocol';
import type { CdpMessage } from './channel.ts';

interface Frame {
  number: number;
  parent: string | undefined;
  origin: string | null;
}

/** Chromium serializes an opaque origin as "://" here; everywhere else (and in Origin headers) it is "null". */
const serialized = (securityOrigin: string) => (securityOrigin === '://' ? 'null' : securityOrigin);

/** Frames remembered at most (removed frames are forgotten; this bounds a page that churns iframes). */
const MAX_FRAMES = 5000;

export class FrameMap {
  private frames = new Map<string, Frame>();
  private next = 1;
  /** The top frame's current URL ('' until known). */
  pageUrl = '';

  /** Takes the frames that exist already (a page attached after it loaded). */
  seed(tree: Protocol.Page.FrameTree): void {
    this.navigated(tree.frame);
    for (const child of tree.childFrames ?? []) this.seed(child);
  }

  /** Takes a Page event; true when it was the top frame navigating. */
  handle({ method, params }: CdpMessage): boolean {
    if (method === 'Page.frameNavigated') return this.navigated((params as Protocol.Page.FrameNavigatedEvent).frame);
    if (method === 'Page.frameAttached') {
      const p = params as Protocol.Page.FrameAttachedEvent;
      this.entry(p.frameId, p.parentFrameId);
    } else if (method === 'Page.frameDetached') {
      const p = params as Protocol.Page.FrameDetachedEvent;
      // 'swap': the frame moves to its own process and goes on under the same id.
      if (p.reason === 'remove') this.frames.delete(p.frameId);
    }
    return false;
  }

  /** Where a request of `frameId` was made, in webRequest's numbering. */
  place(frameId: string | undefined): { frameId: number; parentFrameId: number; frameOrigin: string | null } {
    const frame = frameId === undefined ? undefined : this.frames.get(frameId);
    if (!frame) return { frameId: -1, parentFrameId: -1, frameOrigin: null };
    const parent = frame.parent === undefined ? undefined : this.frames.get(frame.parent);
    return { frameId: frame.number, parentFrameId: parent?.number ?? -1, frameOrigin: frame.origin };
  }

  private navigated(f: Protocol.Page.Frame): boolean {
    const frame = this.entry(f.id, f.parentId);
    frame.origin = serialized(f.securityOrigin);
    // An out-of-process frame's own session may report it without its parent; its number says it is not the top.
    if (frame.number !== 0) return false;
    this.pageUrl = f.url + (f.urlFragment ?? '');
    return true;
  }

  private entry(id: string, parent: string | undefined): Frame {
    let frame = this.frames.get(id);
    if (!frame) {
      frame = { number: parent === undefined ? 0 : this.next++, parent, origin: null };
      this.frames.set(id, frame);
      if (this.frames.size > MAX_FRAMES) this.frames.delete(this.frames.keys().next().value!);
    } else if (parent !== undefined) frame.parent = parent;
    return frame;
  }
}
