export {};
export { selectBackend, BACKEND_PREFERENCES, type BackendPreference, type SelectBackendOptions, type BackendChoice } from './backend/select-backend';
