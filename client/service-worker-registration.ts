/** Registers /sw.js (offline page, cached shell) once the page has loaded; silently skipped where unsupported. */
export function registerServiceWorker(win: Window = window): void {
  const { navigator } = win;
  if (!('serviceWorker' in navigator) || !win.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a worker the site works as before, just without the offline page.
    });
  };
  if (win.document.readyState === 'complete') register();
  else win.addEventListener('load', register, { once: true });
}
