/** Shown while something takes time: announced to screen readers, visible as a moving bar. */
export function Progress({ label }: { label: string }) {
  return (
    <div class="progress" role="status" aria-live="polite">
      <span class="progress-bar" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
