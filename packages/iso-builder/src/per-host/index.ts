export { loadTemplate, hostAppData, hostIsoStream, writeHostIso, type LoadedTemplate, type HostIso, type ByteRange } from './host-iso';
