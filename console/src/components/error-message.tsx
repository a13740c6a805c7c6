import type { ApiError } from '../api/client';

/** An API error in words (never a blank screen), with a way to try again when there is one. */
export function ErrorMessage({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p>
        <strong>{error.status ? `Error ${error.status}: ` : 'Error: '}</strong>
        {error.message}
      </p>
      {error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
