export { loadTemplate, hostAppData, hostIsoStream, writeHostIso, type LoadedTemplate, type HostIso } from './host-iso';
