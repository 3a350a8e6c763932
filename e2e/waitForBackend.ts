/** The frontend dev server answers before the backend; wait until the backend is ready too. */
export default async function waitForBackend() {
  const url = 'http://localhost:7007/.backstage/health/v1/readiness';
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Backend not ready at ${url}`);
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
