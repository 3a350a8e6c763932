export { Actor, AuditTrail } from './AuditTrail';
export type { AuditTrailFilter } from './AuditTrail';
export { auditActionLabel, auditDetails } from './auditEvents';
