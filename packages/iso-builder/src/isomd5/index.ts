export { Md5, type Md5State } from './md5';
export {
  IsoMd5Accumulator,
  formatAppData,
  parseAppData,
  volumeBytesFromPvd,
  hashedBytesFor,
  SECTOR_SIZE,
  PVD_OFFSET,
  APP_DATA_OFFSET,
  APP_DATA_SIZE,
  SKIP_SECTORS,
  type IsoMd5Checkpoint,
  type IsoMd5Result,
} from './iso-md5';
export { scanIsoChecksum, type IsoChecksumScan } from './scan-iso-checksum';
