import { Placeholder } from './placeholder';

/** PLACEHOLDER (issue 15): the inbox, on `GET /v1/conversations`, is built on this foundation next. */
export function Inbox() {
  return <Placeholder title="Inbox" issue="issue 15: conversations with live updates" />;
}
