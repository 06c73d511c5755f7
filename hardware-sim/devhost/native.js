/*
 * Host functions of the device-conditions host (devhost.c): the Host calls of the firmware leave XS here.
 */
export function issue(request) @ "xs_devhost_issue";
export function collect() @ "xs_devhost_collect";
export function print(text) @ "xs_devhost_print";
