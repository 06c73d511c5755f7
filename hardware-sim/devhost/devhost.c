/*
 * The device-conditions host (issue 12): a Linux program around the firmware as `xsl` preloads it, with the exact
 * `creation` of firmware/manifest.json (fixed heap: no incremental slots, chunks or keys) and `"strip": "*"`,
 * built for 32-bit x86 so that slots (16 bytes) and pointers (4 bytes) have their ESP32 sizes.
 *
 * It speaks the wire protocol of xsnap-worker (hardware-sim/src/xs/machine.ts), so the simulator drives it like
 * the xsnap host: netstrings on fd 3 (from the simulator) and fd 4 (to it).
 * - `?<bytes>` calls the global `handleCommand(ArrayBuffer)` that the preloaded entry installs at boot; the
 *   answer is `.<meter JSON>\x01<reply>`, or `!<message>` when an exception escaped.
 * - During a delivery, the firmware's Host calls go out as `?<bytes>` (host function `issue`, module
 *   `devhost/native`) and come back as `/<bytes>`.
 * - `A<reason>` reports an XS abort (memory full, stack overflow, too much computation, a stripped built-in
 *   called): the process then ends, as an ESP32 resets.
 * - `q` ends the program; `e` (evaluate a script) is refused: a device build has no script to evaluate.
 *
 * The meter of each delivery: `compute` (XS's computation meter), slots and chunk bytes in use at its end
 * (`currentHeapCount`, `chunks`), their high-water during it (`peakSlots`, `peakChunks`: garbage included, so an
 * upper bound), what is live after a full collection at its end (`liveSlots`, `liveChunks`), the heap's fixed
 * sizes (`heapSlots`, `heapChunks`), and the deepest the JavaScript stack went (`stackSlots` of `stackSize`). Options: `-l <units>` computation limit per delivery (default
 * 100,000,000), `-n` no collection after each delivery (the live figures are then those at its end).
 */
#include "xsAll.h"
#include "xs.h"

extern void *xsPreparationAndCreation(xsCreation **creation);
extern txString fxAbortString(int status);

#define FROM_PARENT 3
#define TO_PARENT 4

static txU8 gLimit = 100000000;
static int gCollect = 1;
static int gInDelivery = 0;

static void fail(const char *what)
{
	fprintf(stderr, "devhost: %s (%s)\n", what, strerror(errno));
	_exit(70);
}

static void writeAll(const char *data, size_t length)
{
	while (length > 0) {
		ssize_t n = write(TO_PARENT, data, length);
		if (n < 0) {
			if (errno == EINTR) continue;
			fail("write to the simulator failed");
		}
		data += n;
		length -= (size_t)n;
	}
}

static void readAll(char *data, size_t length)
{
	while (length > 0) {
		ssize_t n = read(FROM_PARENT, data, length);
		if (n < 0) {
			if (errno == EINTR) continue;
			fail("read from the simulator failed");
		}
		if (n == 0) _exit(0); /* the simulator closed the pipe: power off */
		data += n;
		length -= (size_t)n;
	}
}

/* One netstring from the simulator, in a malloc'ed buffer (NUL-terminated after `*length` bytes). */
static char *readNetString(size_t *length)
{
	size_t size = 0;
	int digits = 0;
	for (;;) {
		char c;
		readAll(&c, 1);
		if (c == ':') break;
		if ((c < '0') || (c > '9') || (++digits > 10)) {
			fprintf(stderr, "devhost: protocol error (netstring length)\n");
			_exit(71);
		}
		size = (size * 10) + (size_t)(c - '0');
	}
	char *buffer = malloc(size + 1);
	if (!buffer) fail("out of host memory");
	readAll(buffer, size);
	buffer[size] = 0;
	char comma;
	readAll(&comma, 1);
	if (comma != ',') {
		fprintf(stderr, "devhost: protocol error (netstring trailer)\n");
		_exit(71);
	}
	*length = size;
	return buffer;
}

static void writeNetString(const char *head, size_t headLength, const char *body, size_t bodyLength)
{
	char prefix[24];
	int n = snprintf(prefix, sizeof(prefix), "%lu:", (unsigned long)(headLength + bodyLength));
	writeAll(prefix, (size_t)n);
	writeAll(head, headLength);
	if (bodyLength) writeAll(body, bodyLength);
	writeAll(",", 1);
}

/* ---- platform (what xs/platforms/lin_xs.c gives, without GLib) ---- */

void fxCreateMachinePlatform(txMachine* the)
{
	the->host = NULL;
	the->demarshall = NULL;
	the->promiseJobs = 0;
}

void fxDeleteMachinePlatform(txMachine* the)
{
}

void fxQueuePromiseJobs(txMachine* the)
{
	the->promiseJobs = 1;
}

static void runPromiseJobs(txMachine* the)
{
	while (the->promiseJobs) {
		the->promiseJobs = 0;
		fxRunPromiseJobs(the);
	}
}

void fxAbort(txMachine* the, int status)
{
	const char *why = fxAbortString(status);
	char message[160];
	int n = snprintf(message, sizeof(message), "AXS abort: %s", why ? why : "unknown");
	writeNetString(message, (size_t)n, NULL, 0);
	fprintf(stderr, "devhost: XS abort: %s (slots %ld of %ld, chunk bytes %ld of %ld, stack %ld of %ld slots)\n", why ? why : "unknown",
		(long)the->currentHeapCount, (long)the->maximumHeapCount, (long)the->currentChunksSize, (long)the->maximumChunksSize,
		(long)(the->stackTop - the->stack), (long)(the->stackTop - the->stackBottom));
	/* The JavaScript frames at the abort, innermost first, with the stack slots in use at each. */
	txSlot* frame = the->frame;
	for (int depth = 0; frame && (depth < 64); depth++, frame = frame->next) {
		char name[128] = "";
		fxBufferFrameName(the, name, sizeof(name), frame, "");
		fprintf(stderr, "devhost:   at %s (%ld stack slots)\n", name[0] ? name : "?", (long)(the->stackTop - frame));
	}
	_exit(80 + status);
}

static txBoolean meteringCallback(txMachine* the, txU8 index)
{
	return (!gInDelivery || (index <= gLimit)) ? 1 : 0;
}

/* ---- host functions of module devhost/native ---- */

/* issue(request: ArrayBuffer): ArrayBuffer — one synchronous Host call answered by the simulator. */
void xs_devhost_issue(xsMachine* the)
{
	xsIntegerValue length = xsGetArrayBufferLength(xsArg(0));
	/* No XS allocation between taking the pointer and writing it out: the chunk cannot move. */
	writeNetString("?", 1, (const char *)xsToArrayBuffer(xsArg(0)), (size_t)length);
	size_t size;
	char *reply = readNetString(&size);
	if ((size < 1) || (reply[0] != '/')) {
		fprintf(stderr, "devhost: protocol error (expected a reply to a Host call)\n");
		_exit(71);
	}
	xsResult = xsArrayBuffer(reply + 1, (xsIntegerValue)(size - 1));
	free(reply);
}

/* collect(): a full garbage collection (the simulator's `gc` event). */
void xs_devhost_collect(xsMachine* the)
{
	xsCollectGarbage();
}

/* print(text): a line on stderr (diagnostics only). */
void xs_devhost_print(xsMachine* the)
{
	fprintf(stderr, "%s\n", xsToString(xsArg(0)));
}

/* ---- main loop ---- */

/*
 * Stack high-water: the free part of the stack is painted before a delivery and read after it (the stack is
 * `creation.stack` slots; XS bounds-checks its pushes and aborts beyond).
 */
#define PAINT 0xA5
static void paintStack(txMachine* the)
{
	memset((void *)the->stackBottom, PAINT, (size_t)((char *)the->stack - (char *)the->stackBottom));
}

static int painted(const txSlot* slot)
{
	const unsigned char *p = (const unsigned char *)slot;
	for (size_t i = 0; i < sizeof(txSlot); i++)
		if (p[i] != PAINT) return 0;
	return 1;
}

/*
 * Frames grow down from the top; XS also keeps working state at the bottom of the free stack (regular expressions:
 * xsre.c fxPushState). The deepest frame is the top of the largest run of untouched slots.
 */
static long stackHighWater(txMachine* the)
{
	const txSlot *bestEnd = the->stackBottom;
	long best = -1, run = 0;
	for (const txSlot *slot = the->stackBottom; slot < the->stackTop; slot++) {
		if (painted(slot)) {
			run++;
			if (run > best) { best = run; bestEnd = slot + 1; }
		}
		else run = 0;
	}
	if (best <= 0) return (long)(the->stackTop - the->stackBottom);
	return (long)(the->stackTop - bestEnd);
}

static void reply(txMachine* the, txU8 compute, txSize endSlots, txSize endChunks, long stackSlots, char *response, size_t responseLength)
{
	if (gCollect) fxCollect(the, XS_COMPACT_FLAG);
	char meter[512];
	int n = snprintf(meter, sizeof(meter),
		".{\"compute\":%llu,\"currentHeapCount\":%ld,\"chunks\":%ld,\"peakSlots\":%ld,\"peakChunks\":%ld,"
		"\"liveSlots\":%ld,\"liveChunks\":%ld,\"heapSlots\":%ld,\"heapChunks\":%ld,\"allocate\":%ld,"
		"\"stackSlots\":%ld,\"stackSize\":%ld}\1",
		(unsigned long long)compute, (long)endSlots, (long)endChunks, (long)the->peakHeapCount, (long)the->peakChunksSize,
		(long)the->currentHeapCount, (long)the->currentChunksSize, (long)the->maximumHeapCount, (long)the->maximumChunksSize,
		(long)(the->maximumHeapCount * (txSize)sizeof(txSlot) + the->maximumChunksSize),
		stackSlots, (long)(the->stackTop - the->stackBottom));
	writeNetString(meter, (size_t)n, response, responseLength);
}

int main(int argc, char* argv[])
{
	for (int i = 2; i < argc; i++) {
		if ((0 == strcmp(argv[i], "-l")) && (i + 1 < argc))
			gLimit = (txU8)strtoull(argv[++i], NULL, 10);
		else if (0 == strcmp(argv[i], "-n"))
			gCollect = 0;
	}
	if (sizeof(txSlot) != 16)
		fprintf(stderr, "devhost: warning: %d-byte slots (built without -m32?)\n", (int)sizeof(txSlot));

	xsCreation* creation;
	txPreparation* preparation = xsPreparationAndCreation(&creation);
	xsMachine* machine = xsPrepareMachine(creation, preparation, "streetlight", NULL, NULL);
	if (!machine) {
		fprintf(stderr, "devhost: the machine could not be prepared\n");
		return 72;
	}
	txMachine* the = machine;
	xsBeginMetering(machine, meteringCallback, 100000);
	{
		xsIndex handleCommand = 0;
		/* Boot: the entry module (the manifest's "main") installs handleCommand. */
		xsBeginHost(machine);
		{
			xsVars(1);
			xsTry {
				xsVar(0) = xsAwaitImport(preparation->main, XS_IMPORT_DEFAULT);
				handleCommand = xsID("handleCommand");
			}
			xsCatch {
				fprintf(stderr, "devhost: boot failed: %s\n", xsToString(xsException));
				_exit(73);
			}
		}
		xsEndHost(machine);
		runPromiseJobs(machine);

		for (;;) {
			size_t length;
			char *message = readNetString(&length);
			char command = length ? message[0] : 0;
			if (command == 'q') {
				free(message);
				break;
			}
			if (command == 'R') {
				writeNetString(".", 1, NULL, 0);
			}
			else if (command == 'e') {
				const char *refusal = "!the device-conditions host evaluates no script: the firmware is preloaded";
				writeNetString(refusal, strlen(refusal), NULL, 0);
			}
			else if (command == '?') {
				char *response = NULL;
				size_t responseLength = 0;
				int error = 0;
				the->peakHeapCount = the->currentHeapCount;
				the->peakChunksSize = the->currentChunksSize;
				the->meterIndex = 0;
				the->meterCount = the->meterInterval;
				gInDelivery = 1;
				paintStack(the);
				xsBeginHost(machine);
				{
					xsVars(2);
					xsTry {
						xsVar(0) = xsArrayBuffer(message + 1, (xsIntegerValue)(length - 1));
						xsVar(1) = xsCall1(xsGlobal, handleCommand, xsVar(0));
					}
					xsCatch {
						error = 1;
						xsVar(1) = xsException;
						xsException = xsUndefined;
					}
					if (!error) {
						runPromiseJobs(machine);
						if (xsIsInstanceOf(xsVar(1), xsArrayBufferPrototype)) {
							responseLength = (size_t)xsGetArrayBufferLength(xsVar(1));
							response = malloc(responseLength + 1);
							if (!response) fail("out of host memory");
							memcpy(response, xsToArrayBuffer(xsVar(1)), responseLength);
						}
					}
					else {
						const char *text = xsToString(xsVar(1));
						responseLength = strlen(text);
						response = malloc(responseLength + 2);
						if (!response) fail("out of host memory");
						response[0] = '!';
						memcpy(response + 1, text, responseLength);
						responseLength += 1;
					}
				}
				xsEndHost(machine);
				gInDelivery = 0;
				long stackSlots = stackHighWater(the);
				txU8 compute = the->meterIndex >> 16;
				if (error)
					writeNetString(response, responseLength, NULL, 0);
				else
					reply(the, compute, the->currentHeapCount, the->currentChunksSize, stackSlots, response, responseLength);
				free(response);
			}
			else {
				fprintf(stderr, "devhost: protocol error (command %d)\n", command);
				_exit(71);
			}
			free(message);
		}
	}
	xsEndMetering(machine);
	return 0;
}
