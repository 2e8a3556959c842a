export { IsoError, type IsoErrorCode } from './iso-error';
