/** A titled block inside a details tab (DevTools' Issues and Headers use the same rhythm). */
import type { ComponentChildren } from 'preact';

export function Section({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  return (
    <section class="section" data-testid={testId}>
      <h3 class="section-title">{title}</h3>
      <div class="section-body">{children}</div>
    </section>
  );
}
