/**
 * A form's own validation, before anything is sent: the problems of a value the API would refuse,
 * found by the API's own schema (zod issues), by field, in words next to the field and as a summary.
 */

/** Problems by field path (`waitTime`, `followupSequence.0.customMessage`). */
export type Problems = Record<string, string>;

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The issues of a failed `safeParse`, by path; `within` drops a leading segment (`details`). */
export function problemsOf(issues: readonly Issue[], within?: string): Problems {
  const problems: Problems = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (within && path[0] === within) path.shift();
    const key = path.join('.');
    problems[key] = problems[key] ? `${problems[key]}; ${issue.message}` : issue.message;
  }
  return problems;
}

/** The attributes a field with a problem carries: invalid, described by its message (and its hint). */
export function problemAttributes(id: string, problems: Problems, key: string, hintId?: string) {
  return {
    'aria-invalid': key in problems,
    'aria-describedby': [hintId, `${id}-problem`].filter(Boolean).join(' '),
  };
}

/** The message under a field (empty when there is none, so the layout does not jump). */
export function FieldProblem({ id, problems, field }: { id: string; problems: Problems; field: string }) {
  return (
    <p id={`${id}-problem`} class="field-problem">
      {problems[field] ?? ''}
    </p>
  );
}

/** Why nothing was sent: every problem, named by its field's label. */
export function FormProblems({ problems, labels }: { problems: Problems; labels?: Record<string, string> }) {
  const keys = Object.keys(problems);
  if (keys.length === 0) return null;
  return (
    <div class="error" role="alert">
      <p>
        <strong>Nothing was sent:</strong> {keys.length === 1 ? 'one value needs' : `${keys.length} values need`} a
        change.
      </p>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            {labels?.[key] ?? (key || 'The form')}: {problems[key]}
          </li>
        ))}
      </ul>
    </div>
  );
}
