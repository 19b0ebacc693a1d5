/* Shown when the page runs without the preload (opened in a plain browser): say so
 * instead of failing on the first call. Plain markup: no providers are available. */
export function MissingBridge() {
  return (
    <main role="alert" style={{ fontFamily: 'sans-serif', padding: 24 }}>
      <h1>Evo Voice Console</h1>
      <p>This page must be opened by the Evo Voice Console app (its secure bridge is missing).</p>
    </main>
  );
}
