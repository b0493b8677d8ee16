using System.Runtime.InteropServices;

namespace PaperBot.Core.Ingest;

/// <summary>
/// What kind of file a path names, following symbolic links. .NET has no public way to tell a named pipe or a device
/// from a regular file (both report <see cref="FileAttributes.Normal"/>), and opening a named pipe for reading blocks
/// until something writes to it; so on Unix this asks the runtime's own native shim, whose file-status struct keeps
/// the mode at the same offset on every architecture, unlike libc's <c>struct stat</c>.
/// </summary>
internal static class FileKind
{
    public enum Kind { Missing, Regular, Directory, NamedPipe, CharacterDevice, BlockDevice, Socket, Other }

    private const int TypeMask = 0xF000;

    public static Kind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.Exists ? (info.Attributes.HasFlag(FileAttributes.Device) ? Kind.CharacterDevice : Kind.Regular)
                : Directory.Exists(path) ? Kind.Directory : Kind.Missing;
        }
        // Larger than the runtime's FileStatus (about 120 bytes) so a struct grown in a later runtime still fits.
        var status = new byte[512];
        try
        {
            if (Stat(path, status) != 0)
            {
                return Kind.Missing;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim: fall back to what .NET can tell; the size cap still bounds what is read.
            return File.Exists(path) ? Kind.Regular : Directory.Exists(path) ? Kind.Directory : Kind.Missing;
        }
        var mode = BitConverter.ToInt32(status, 4);
        return (mode & TypeMask) switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.NamedPipe,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            _ => Kind.Other,
        };
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.NamedPipe => "a named pipe",
        Kind.CharacterDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Socket => "a socket",
        Kind.Directory => "a folder",
        _ => "not a regular file",
    };

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat(string path, [Out] byte[] status);
}
