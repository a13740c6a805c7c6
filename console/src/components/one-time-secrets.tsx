/** Secrets the API shows only in the answer that created them (a hook secret, a token): copy now. */
export function OneTimeSecrets({
  title,
  secrets,
  onDone,
}: {
  title: string;
  secrets: readonly { label: string; value: string }[];
  onDone: () => void;
}) {
  return (
    <section class="one-time" aria-label={title}>
      <h3>{title}</h3>
      <p>
        <strong>Copy now: shown once.</strong> The service keeps only what verifies them; this screen cannot show them
        again (rotate to get new ones).
      </p>
      <dl>
        {secrets.map(({ label, value }) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code class="secret">{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onDone}>
        I have copied them
      </button>
    </section>
  );
}
