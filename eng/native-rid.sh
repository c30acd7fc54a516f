#!/usr/bin/env bash
# Prints the .NET runtime identifier for a NativeAOT build on this machine (linux-x64, osx-arm64…), or
# nothing where NativeAOT is not offered. Shared by install.sh and pack.sh.
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo linux-x64 ;;
    Linux-aarch64) echo linux-arm64 ;;
    Darwin-arm64) echo osx-arm64 ;;
    Darwin-x86_64) echo osx-x64 ;;
    *) ;;
esac
