package vn.canhbao.registry.camera;

/** An RTSP user name and password; {@link #toString()} hides the password. */
public record CameraCredentials(String username, String password) {
    @Override
    public String toString() {
        return "CameraCredentials[username=" + username + ", password=(hidden)]";
    }
}
