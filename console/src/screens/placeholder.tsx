import { Screen } from '../components/layout';

/** A screen still to be built: says so instead of showing nothing. */
export function Placeholder({ title, issue }: { title: string; issue: string }) {
  return (
    <Screen title={title}>
      <p class="placeholder">Not built yet ({issue}).</p>
    </Screen>
  );
}
