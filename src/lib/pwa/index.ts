export { appUpdate, AppUpdate, type UpdateStatus } from './app-update.svelte';
export { registerServiceWorker } from './register-service-worker';
export { installPrompt, InstallPrompt } from './install-prompt.svelte';
