export { CLIENT_ERROR_CODES, DocentError } from './docent-error';
export type { ClientErrorCode, InternalErrorCode } from './docent-error';
export { MAX_PAGE_SIZE, checkPageSize, pageFromRows } from './pages';
export type { Page } from './pages';
export { booleanFlag, integer, optionalText } from './environment';
export { silentLogger } from './logger';
export type { Logger } from './logger';
export { PERMISSIONS } from './access';
export type { Permission, Requirement } from './access';
