export { inspectIso, extractEfiImage, FAT_PREFIX, type IsoInspection, type BootConfigReport } from './inspect-iso';
export { classifyLayout, architectureOf, fatBootConfigsIn, ISO_BOOT_CONFIGS, FAT_BOOT_CONFIGS, type IsoLayout, type Architecture } from './layout';
export { readIsoGeometry, readElToritoPlain, listIsoFiles, isoFileExtent, extractIsoFiles, type IsoGeometry } from './iso-reader';
export { parseElToritoCmd, parseFindOutput, parseReportLba, elToritoShape, type ElToritoReport, type AppendedPartition } from './xorriso-parsers';
export { listFatFiles, readFatFile, writeFatFile } from './fat-image';
