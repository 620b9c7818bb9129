"""Deploys the latest ticket-router model with request/response capture enabled."""
import sys

import sagemaker
from sagemaker.model_monitor import DataCaptureConfig
from sagemaker.pytorch import PyTorchModel

session = sagemaker.Session()
role = sagemaker.get_execution_role()
bucket = session.default_bucket()

model = PyTorchModel(
    model_data=sys.argv[1],
    role=role,
    entry_point="inference.py",
    source_dir="src",
    framework_version="2.2",
    py_version="py310",
)

predictor = model.deploy(
    initial_instance_count=1,
    instance_type="ml.m5.xlarge",
    data_capture_config=DataCaptureConfig(
        enable_capture=True,
        sampling_percentage=100,
        destination_s3_uri=f"s3://{bucket}/capture",
    ),
)
print(f"Deployed endpoint {predictor.endpoint_name}")
