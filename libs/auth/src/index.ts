export { ANONYMOUS, hasRole } from './viewer';
export type { Viewer } from './viewer';
