import { Placeholder } from './placeholder';

/** PLACEHOLDER (issue 15): one conversation's transcript, AI turns and controls. */
export function Conversation({ id }: { id: string }) {
  return <Placeholder title={`Conversation ${id}`} issue="issue 15: transcript, AI turns, controls, composer" />;
}
