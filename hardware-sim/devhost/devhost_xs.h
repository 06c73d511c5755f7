/*
 * Platform header of the device-conditions host (XSPLATFORM="devhost_xs.h"): the Moddable SDK's Linux one
 * (xs/platforms/lin_xs.h) without GLib, threads or the debugger, and with what the ESP32 platform header
 * (xs/platforms/esp/xsPlatform.h) sets that changes memory use: one-entry minimum hash tables. Compiled for
 * 32-bit x86 (-m32), so a slot is 16 bytes and a pointer 4, as on the ESP32's Xtensa cores.
 */
#ifndef __DEVHOST_XS__
#define __DEVHOST_XS__

#undef mxLinux
#define mxLinux 1

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <errno.h>
#include <unistd.h>
#include <stdbool.h>

#define mxUseGCCAtomics 1

#define mxUseDefaultBuildKeys 1
#define mxUseDefaultChunkAllocation 1
#define mxUseDefaultSlotAllocation 1
#define mxUseDefaultFindModule 1
#define mxUseDefaultLoadModule 1
#define mxUseDefaultParseScript 1
#define mxUseDefaultSharedChunks 1
#define mxUseDefaultMachinePlatform 0

/* As on the ESP32 (esp/xsPlatform.h). */
#define mxTableMinLength (1)

#define mxMachinePlatform \
	void* host; \
	void* demarshall; \
	int promiseJobs;

#endif /* __DEVHOST_XS__ */
