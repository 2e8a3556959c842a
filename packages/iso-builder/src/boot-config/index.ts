export { udevEscapeLabel, kickstartArgument, validateKernelArgs } from './kernel-args';
export { rewriteBootConfig, kernelLines, bootConfigKindOf, type BootConfigKind } from './rewrite-boot-config';
