export { QuarantineModule } from './quarantine.module';
export { QUARANTINE_CHANGED, QuarantineService } from './quarantine.service';
