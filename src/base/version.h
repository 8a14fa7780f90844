/* version.h - the release of this build. */
#ifndef JIQUN_BASE_VERSION_H
#define JIQUN_BASE_VERSION_H
#define JIQUN_VERSION "0.1.0"
#endif
