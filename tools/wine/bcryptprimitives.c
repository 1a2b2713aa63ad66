/*
 * tools/wine/bcryptprimitives.c: a stand-in for Windows' bcryptprimitives.dll,
 * FOR THE WINE TEST HARNESS ONLY (tools/winetest.sh). It is never shipped:
 * the installer, the zip and the dist/ folder do not contain it.
 *
 * Go 1.21 and later read random bytes at start through ProcessPrng, which
 * Windows 10 exports from bcryptprimitives.dll. Wine 8 (Debian 12) has no
 * such DLL, so every Go .exe dies before main ("bcryptprimitives.dll not
 * found"). This file provides ProcessPrng and nothing else, over
 * RtlGenRandom (advapi32's SystemFunction036), which Wine implements over
 * the host's random source. The harness copies the built DLL into the test
 * WINEPREFIX's system32, where Go's runtime looks for it.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *        bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

/* SystemFunction036 is RtlGenRandom's exported name (ntsecapi.h). */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/*
 * ProcessPrng fills data with len random bytes. Like Windows' own, it
 * returns TRUE; it never fails silently: when the host's random source fails
 * the process is ended, since Go's runtime cannot run without randomness.
 */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			ExitProcess(0xC0000001); /* STATUS_UNSUCCESSFUL */
		data += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
