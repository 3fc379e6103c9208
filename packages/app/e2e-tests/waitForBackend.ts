// The frontend dev server answers before the backend has loaded its plugins;
// the tests start once the backend reports ready.
const readinessUrl =
  process.env.BACKEND_READINESS_URL ??
  'http://localhost:7007/.backstage/health/v1/readiness';

export default async function waitForBackend() {
  const deadline = Date.now() + 180_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(readinessUrl);
      if (res.ok) {
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`Backend not ready at ${readinessUrl}: ${last}`);
}
